import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { ErrorText } from '../errors/error-text';
import type { RiskLevel, RoadClass, RoadFeature, RoadSegmentFormFieldsFragment } from '../gql/graphql';
import { RISK_LEVELS, ROAD_CLASSES, ROAD_FEATURES } from './enums';
import { badNumbers, EnumSelect, Field, FormFooter, Input, missing, number, text, useForm, type Problems, type Values } from './form-kit';
import { CreateRoadSegmentMutation, RoadSegmentFormQuery, UpdateRoadSegmentMutation } from './forms.operations';
import { useMapPick, type LngLat } from './map-pick';

/**
 * A chainage (桩号) as metres: "K12+300" as road crews write it, or plain metres. Null when
 * it is neither.
 */
export function chainageMetres(value: string): number | null {
  const text = value.trim().toUpperCase();
  const k = /^K(\d+)\+(\d{1,3}(?:\.\d+)?)$/.exec(text);
  if (k) return Number(k[1]) * 1000 + Math.round(Number(k[2]));
  return /^\d+$/.test(text) ? Number(text) : null;
}

/** The vertices of a pasted GeoJSON LineString (bare, or as a Feature); null when it is not one. */
function pastedLine(json: string): LngLat[] | null {
  try {
    const parsed = JSON.parse(json) as { type?: string; geometry?: unknown; coordinates?: unknown };
    const geometry = (parsed.type === 'Feature' ? parsed.geometry : parsed) as { type?: string; coordinates?: unknown };
    const coordinates = geometry?.coordinates;
    if (geometry?.type !== 'LineString' || !Array.isArray(coordinates) || coordinates.length < 2) return null;
    return coordinates.every((c) => Array.isArray(c) && c.length >= 2 && c.every((n) => typeof n === 'number'))
      ? (coordinates as number[][]).map((c) => [c[0]!, c[1]!]) : null;
  } catch {
    return null;
  }
}

function valuesOf(r: RoadSegmentFormFieldsFragment | null | undefined): Values {
  if (!r) return {};
  return {
    roadName: r.roadName, roadNumber: r.roadNumber, roadClass: r.roadClass, riskLevel: r.riskLevel, department: r.department ?? '',
    start: String(r.startChainageMeters), end: String(r.endChainageMeters), accidentsLast3y: String(r.accidentsLast3y),
  };
}

/** Records a road segment (no `id`) or changes one: the line drawn on the map or pasted as GeoJSON, with its chainage. */
export function RoadSegmentForm({ id, onSaved }: { id?: string; onSaved: (id: string) => void }) {
  const [result] = useQuery({ query: RoadSegmentFormQuery, variables: { id: id ?? '' }, pause: !id });
  if (result.error) return <ErrorText error={result.error} />;
  if (id && !result.data) return null;
  return <RoadSegmentFields segment={result.data?.roadSegment ?? null} onSaved={onSaved} />;
}

function RoadSegmentFields({ segment, onSaved }: { segment: RoadSegmentFormFieldsFragment | null; onSaved: (id: string) => void }) {
  const { t } = useTranslation();
  const pick = useMapPick();
  const [features, setFeatures] = useState<ReadonlySet<RoadFeature>>(new Set(segment?.features ?? []));
  const [, create] = useMutation(CreateRoadSegmentMutation);
  const [, update] = useMutation(UpdateRoadSegmentMutation);
  const existing = segment?.geometry.type === 'LineString' ? (segment.geometry.coordinates as LngLat[]) : null;
  useEffect(() => {
    if (existing) pick.show('line', existing);
    return pick.clear;
    // Shown once, when the form opens on a segment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const drawn = pick.draft?.mode === 'line' ? pick.draft.points : [];

  const validate = (values: Values): Problems => {
    const start = chainageMetres(values.start ?? ''), end = chainageMetres(values.end ?? '');
    return {
      ...missing(values, 'roadName', 'roadNumber', 'roadClass', 'riskLevel', 'start', 'end'),
      ...(values.start && start === null ? { start: 'chainage' } : {}),
      ...(values.end && end === null ? { end: 'chainage' } : {}),
      ...(start !== null && end !== null && end <= start ? { end: 'endAfterStart' } : {}),
      ...(values.geojson?.trim() ? (pastedLine(values.geojson) ? {} : { geojson: 'lineString' }) : drawn.length < 2 ? { geometry: 'drawLine' } : {}),
      ...badNumbers(values, ['accidentsLast3y'], true),
    };
  };
  const form = useForm(valuesOf(segment), validate);
  const pasted = form.values.geojson?.trim() ? pastedLine(form.values.geojson) : null;
  useEffect(() => {
    if (pasted) pick.show('line', pasted);
    // The pasted text is what changes; the line is derived from it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [form.values.geojson]);

  const send = async (): Promise<CombinedError | undefined> => {
    const v = form.values;
    const line = pasted ?? drawn;
    const fields = {
      roadName: v.roadName!.trim(), roadNumber: v.roadNumber!.trim().toUpperCase(), roadClass: v.roadClass as RoadClass,
      riskLevel: v.riskLevel as RiskLevel, startChainageM: chainageMetres(v.start!)!, endChainageM: chainageMetres(v.end!)!,
      geometry: { type: 'LineString', coordinates: line } satisfies GeoJSON.LineString,
      features: ROAD_FEATURES.filter((f) => features.has(f)), accidentsLast3y: number(v, 'accidentsLast3y'), department: text(v, 'department'),
    };
    if (segment) {
      const result = await update({ input: { ...fields, id: segment.id, version: segment.version, note: text(v, 'note') } });
      if (result.data) onSaved(result.data.updateRoadSegment.id);
      return result.error;
    }
    const result = await create({ input: fields });
    if (result.data) onSaved(result.data.createRoadSegment.id);
    return result.error;
  };

  const label = (name: string) => t(`history.fields.${name}`);
  const drawing = pick.draft?.picking === true;
  return (
    <form className="record-form" data-testid="road-segment-form" onSubmit={form.submit(send)} noValidate>
      <h2>{t(segment ? 'forms.roadSegment.editTitle' : 'forms.roadSegment.title')}</h2>
      <Input form={form} name="roadNumber" label={label('roadNumber')} hint={t('forms.roadSegment.roadNumberHint')} />
      <Input form={form} name="roadName" label={label('roadName')} />
      <EnumSelect form={form} name="roadClass" label={label('roadClass')} values={ROAD_CLASSES} labels="road.classes" />
      <Input form={form} name="start" label={t('forms.roadSegment.start')} hint={t('forms.roadSegment.chainageHint')} />
      <Input form={form} name="end" label={t('forms.roadSegment.end')} />
      <Field form={form} name="geometry" label={t('forms.roadSegment.line')} group>
        <span className="location" data-testid="line-vertices">{t('forms.roadSegment.vertices', { count: pasted?.length ?? drawn.length })}</span>
        <button type="button" data-testid="draw-line" className={drawing ? 'chip active' : 'chip'}
          onClick={() => (drawing ? pick.show('line', drawn) : pick.start('line'))}>
          {t(drawing ? 'forms.pickDone' : 'forms.roadSegment.draw')}
        </button>
        {drawing && <span className="hint">{t('forms.roadSegment.drawHint')}</span>}
      </Field>
      <Field form={form} name="geojson" label={t('forms.roadSegment.geojson')}>
        <textarea name="geojson" rows={3} value={form.values.geojson ?? ''} placeholder='{"type":"LineString","coordinates":[[112.3,28.5],[112.31,28.51]]}'
          onChange={(e) => form.set('geojson', e.target.value)} />
      </Field>
      <EnumSelect form={form} name="riskLevel" label={label('riskLevel')} values={RISK_LEVELS} labels="risk" />
      <fieldset>
        <legend>{label('features')}</legend>
        {ROAD_FEATURES.map((f) => (
          <label key={f}>
            <input type="checkbox" name="feature" value={f} checked={features.has(f)} onChange={() => setFeatures((s) => {
              const next = new Set(s);
              if (!next.delete(f)) next.add(f);
              return next;
            })} />
            {t(`road.featureNames.${f}`)}
          </label>
        ))}
      </fieldset>
      <Input form={form} name="accidentsLast3y" type="number" label={label('accidentsLast3y')} />
      <Input form={form} name="department" label={label('department')} />
      {segment && <Input form={form} name="note" label={t('forms.changeNote')} />}
      <FormFooter form={form} label={t(segment ? 'forms.save' : 'forms.roadSegment.submit')} />
    </form>
  );
}
