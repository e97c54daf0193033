import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, type CombinedError } from 'urql';
import { useToday } from '../clock/use-today';
import type {
  CreateInspectionMutation as Created, EnforcementKind, HazardLevel, InspectionKind, Sector,
} from '../gql/graphql';
import { ENFORCEMENT_KINDS, HAZARD_LEVELS, INSPECTION_KINDS, SECTORS } from './enums';
import { EnumSelect, Field, FormFooter, Input, missing, number, text, TextArea, useForm, type Problems, type Values } from './form-kit';
import { CreateInspectionMutation } from './forms.operations';
import { useMapPick } from './map-pick';
import { EnterpriseFinder, pointOf, type FoundEnterprise } from './pickers';

type Recorded = Created['createInspection'];

/** Inspectors as typed: one name per line or separated by commas or 、. */
const namesOf = (value: string | undefined) => (value ?? '').split(/[\n,，、;；]+/).map((n) => n.trim()).filter(Boolean);

/**
 * 执法检查: the inspection of an enterprise (or, without one, of a place in a town), the
 * hazards it found — each becomes a hazard in the ledger — and the enforcement taken, sent
 * in one request that the API records all or nothing.
 */
export function InspectionForm({ towns, department, onOpenHazard }: {
  towns: readonly { code: string; name: string }[]; department: string | null; onOpenHazard: (id: string) => void;
}) {
  const { t } = useTranslation();
  const today = useToday();
  const pick = useMapPick();
  const [enterprise, setEnterprise] = useState<FoundEnterprise | null>(null);
  const [findings, setFindings] = useState<number[]>([0]);
  const [actions, setActions] = useState<ReadonlySet<EnforcementKind>>(new Set());
  const [pickingFor, setPickingFor] = useState<number | null>(null);
  const [recorded, setRecorded] = useState<Recorded | null>(null);
  const [, create] = useMutation(CreateInspectionMutation);

  const validate = (values: Values): Problems => ({
    ...missing(values, 'kind', 'sector', 'department', 'inspectedOn', 'inspectors', ...(enterprise ? [] : ['townCode'])),
    ...(values.inspectedOn && today && values.inspectedOn > today ? { inspectedOn: 'notFuture' } : {}),
    ...Object.assign({}, ...findings.map((f) => ({
      ...missing(values, `f${f}.description`, `f${f}.level`),
      // The enterprise's location stands in for a finding's; without an enterprise, pick one.
      ...(enterprise || pointOf(values, `f${f}.`) ? {} : { [`f${f}.location`]: 'pickLocation' }),
    }))),
    ...(actions.has('FINE') && !(Number(values.fineAmountYuan) > 0) ? { fineAmountYuan: 'positive' } : {}),
  });
  const form = useForm({ department: department ?? '', inspectedOn: today ?? '' }, validate);
  useEffect(() => {
    if (today && !form.values.inspectedOn) form.setMany({ inspectedOn: today });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [today]);

  // A finding's location: the point picked on the map while its button is active.
  const picked = pick.draft?.picking ? pick.draft.points[0] : undefined;
  useEffect(() => {
    if (picked && pickingFor !== null) form.setMany({ [`f${pickingFor}.lng`]: picked[0].toFixed(6), [`f${pickingFor}.lat`]: picked[1].toFixed(6) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [picked]);
  useEffect(() => pick.clear, [pick.clear]);

  const send = async (): Promise<CombinedError | undefined> => {
    const v = form.values;
    const result = await create({
      input: {
        enterpriseId: enterprise?.id ?? null,
        townCode: enterprise ? null : text(v, 'townCode'),
        kind: v.kind as InspectionKind,
        sector: v.sector as Sector,
        department: v.department!.trim(),
        inspectedOn: v.inspectedOn!,
        inspectors: namesOf(v.inspectors),
        summary: text(v, 'summary'),
        findings: findings.map((f) => ({
          description: v[`f${f}.description`]!.trim(),
          level: v[`f${f}.level`] as HazardLevel,
          hazardType: text(v, `f${f}.hazardType`),
          placeName: text(v, `f${f}.placeName`),
          location: pointOf(v, `f${f}.`),
        })),
        actions: ENFORCEMENT_KINDS.filter((k) => actions.has(k)).map((kind) => ({
          kind, fineAmountYuan: kind === 'FINE' ? number(v, 'fineAmountYuan') : null, note: text(v, `note.${kind}`),
        })),
      },
    });
    if (result.data) setRecorded(result.data.createInspection);
    return result.error;
  };

  if (recorded) {
    return (
      <section className="record-form" data-testid="inspection-recorded">
        <h2>{t('forms.inspection.recorded', { count: recorded.findings.length })}</h2>
        <ul>
          {recorded.findings.map((h) => (
            <li key={h.id}><button type="button" className="link" data-testid="finding-hazard" onClick={() => onOpenHazard(h.id)}>{h.code}</button></li>
          ))}
        </ul>
        <p>{recorded.enforcementActions.map((a) => t(`enforcementKinds.${a.kind}`)).join('、')}</p>
      </section>
    );
  }

  const label = (name: string) => t(`forms.inspection.${name}`);
  const toggle = (kind: EnforcementKind) => setActions((a) => {
    const next = new Set(a);
    if (!next.delete(kind)) next.add(kind);
    return next;
  });
  return (
    <form className="record-form" data-testid="inspection-form" onSubmit={form.submit(send)} noValidate>
      <h2>{label('title')}</h2>
      <EnterpriseFinder form={form} label={label('enterprise')} chosen={enterprise} onChoose={(e) => {
        setEnterprise(e);
        if (e && !form.values.sector) form.setMany({ sector: e.sector });
      }} />
      {!enterprise && (
        <EnumSelect form={form} name="townCode" label={label('town')} values={towns.map((u) => u.code)}
          names={Object.fromEntries(towns.map((u) => [u.code, u.name]))} />
      )}
      <EnumSelect form={form} name="kind" label={label('kind')} values={INSPECTION_KINDS} labels="inspectionKinds" />
      <EnumSelect form={form} name="sector" label={t('forms.hazard.sector')} values={SECTORS} labels="sectors" />
      <Input form={form} name="inspectedOn" type="date" label={label('inspectedOn')} />
      <Input form={form} name="department" label={label('department')} />
      <Input form={form} name="inspectors" label={label('inspectors')} hint={label('inspectorsHint')} />
      <TextArea form={form} name="summary" label={label('summary')} />
      {findings.map((f, i) => (
        <fieldset key={f} className="finding" data-testid="finding">
          <legend>{t('forms.inspection.finding', { n: i + 1 })}</legend>
          <TextArea form={form} name={`f${f}.description`} label={t('forms.hazard.description')} />
          <EnumSelect form={form} name={`f${f}.level`} label={t('forms.hazard.level')} values={HAZARD_LEVELS} labels="hazardLevel" />
          <Input form={form} name={`f${f}.hazardType`} label={t('forms.hazard.hazardType')} />
          <Input form={form} name={`f${f}.placeName`} label={t('forms.hazard.placeName')} />
          <Field form={form} name={`f${f}.location`} label={t('forms.hazard.location')} group>
            <span className="location">
              {pointOf(form.values, `f${f}.`) ? `${form.values[`f${f}.lng`]}, ${form.values[`f${f}.lat`]}` : t(enterprise ? 'forms.atEnterprise' : 'forms.noLocation')}
            </span>
            <button type="button" className={pickingFor === f ? 'chip active' : 'chip'} onClick={() => {
              if (pickingFor === f) { setPickingFor(null); pick.clear(); } else { setPickingFor(f); pick.start('point'); }
            }}>{t(pickingFor === f ? 'forms.pickDone' : 'forms.pickOnMap')}</button>
          </Field>
          <button type="button" className="chip" onClick={() => setFindings(findings.filter((x) => x !== f))}>{label('removeFinding')}</button>
        </fieldset>
      ))}
      <button type="button" data-testid="add-finding" onClick={() => setFindings([...findings, Math.max(...findings, -1) + 1])}>{label('addFinding')}</button>
      <fieldset data-testid="enforcement">
        <legend>{label('enforcement')}</legend>
        {ENFORCEMENT_KINDS.map((kind) => (
          <div key={kind} className="enforcement">
            <label>
              <input type="checkbox" name="enforcement" value={kind} checked={actions.has(kind)} onChange={() => toggle(kind)} />
              {t(`enforcementKinds.${kind}`)}
            </label>
            {actions.has(kind) && kind === 'FINE' && <Input form={form} name="fineAmountYuan" type="number" label={label('fineAmountYuan')} />}
            {actions.has(kind) && <Input form={form} name={`note.${kind}`} label={label('actionNote')} />}
          </div>
        ))}
      </fieldset>
      <FormFooter form={form} label={label('submit')} />
    </form>
  );
}
