-- Row-level security lets an enterprise user update its own hazards, so that it can record
-- its rectification. Without this rule it could also rewrite what the hazard is (downgrade a
-- major hazard, move it, unpublish it) or extend its own deadline, which is the
-- supervisor's decision (0003: only later, only with a reason). The API exposes no such
-- mutation; this refuses every other client and any path the API might miss.

create function app.limit_enterprise_changes() returns trigger
  language plpgsql
  as $$
  begin
    if app.role() is distinct from 'enterprise' then
      return new;
    end if;
    if (new.code, new.description, new.level, new.sector, new.hazard_type, new.source, new.enterprise_id,
        new.road_segment_id, new.place_name, new.inspection_id, new.location, new.town_code, new.found_at,
        new.listed_level, new.published, new.reporter_user_id, new.reporter_contact, new.synthetic)
       is distinct from
       (old.code, old.description, old.level, old.sector, old.hazard_type, old.source, old.enterprise_id,
        old.road_segment_id, old.place_name, old.inspection_id, old.location, old.town_code, old.found_at,
        old.listed_level, old.published, old.reporter_user_id, old.reporter_contact, old.synthetic) then
      raise exception 'an enterprise may record only its rectification' using errcode = '42501';
    end if;
    -- The deadline is part of the five in place when rectification starts; after that,
    -- moving it is an extension.
    if new.deadline is distinct from old.deadline and old.status <> 'REPORTED' then
      raise exception 'only supervising staff may extend a deadline' using errcode = '42501';
    end if;
    return new;
  end
  $$;
comment on function app.limit_enterprise_changes() is
  'Refuses an enterprise user changing a hazard beyond its rectification fields, or extending its deadline.';

create trigger hazards_enterprise_records_only_rectification before update on hazards
  for each row execute function app.limit_enterprise_changes();
