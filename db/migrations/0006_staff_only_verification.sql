-- Verification (验收) and reopening (回头看) are government acts. Row-level security lets
-- an enterprise user update its own hazards, to record its rectification (五到位, submit for
-- verification); without this rule it could also close them itself. The API checks the
-- role first; this refuses every other client, and any path the API might miss.

create function app.refuse_enterprise_verification() returns trigger
  language plpgsql
  as $$
  begin
    if app.role() = 'enterprise' and new.status is distinct from old.status
       and old.status in ('AWAITING_VERIFICATION', 'CLOSED') then
      raise exception 'only supervising staff may verify or reopen a hazard'
        using errcode = '42501';
    end if;
    return new;
  end
  $$;
comment on function app.refuse_enterprise_verification() is
  'Refuses an enterprise user moving a hazard out of AWAITING_VERIFICATION or CLOSED (验收, 回头看 are for staff).';

create trigger hazards_staff_only_verification before update of status on hazards
  for each row execute function app.refuse_enterprise_verification();
