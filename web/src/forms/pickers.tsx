import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorText } from '../errors/error-text';
import type { FindEnterprisesQuery as Enterprises, FindRoadSegmentsQuery as RoadSegments } from '../gql/graphql';
import { Field, type FormState, type Problems, type Values } from './form-kit';
import { FindEnterprisesQuery, FindRoadSegmentsQuery } from './forms.operations';
import { useMapPick, type LngLat } from './map-pick';

export type FoundEnterprise = Enterprises['enterprises']['edges'][number]['node'];
export type FoundRoadSegment = RoadSegments['roadSegments']['edges'][number]['node'];

/** The point in a form's `lng` and `lat` fields, or null while either is empty. */
export function pointOf(values: Values, prefix = ''): { lng: number; lat: number } | null {
  const lng = values[`${prefix}lng`], lat = values[`${prefix}lat`];
  return lng && lat ? { lng: Number(lng), lat: Number(lat) } : null;
}

/** A problem when a required location is missing. */
export function missingLocation(values: Values): Problems {
  return pointOf(values) ? {} : { location: 'pickLocation' };
}

/** The location of a record (`lng`, `lat`), picked by a click on the map, which shows it as the form's draft. */
export function LocationField({ form, label }: { form: FormState; label: string }) {
  const { t } = useTranslation();
  const pick = useMapPick();
  const point = pointOf(form.values);
  const picking = pick.draft?.picking && pick.draft.mode === 'point';
  const picked = pick.draft?.mode === 'point' ? pick.draft.points[0] : undefined;
  useEffect(() => {
    if (picked) form.setMany({ lng: picked[0].toFixed(6), lat: picked[1].toFixed(6) });
    // form is a new object every render; the picked point is what changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [picked]);
  useEffect(() => pick.clear, [pick.clear]);
  return (
    <Field form={form} name="location" label={label} group>
      <span className="location" data-testid="location-value">
        {point ? `${point.lng.toFixed(5)}, ${point.lat.toFixed(5)}` : t('forms.noLocation')}
      </span>
      <button type="button" data-testid="pick-location" className={picking ? 'chip active' : 'chip'}
        onClick={() => (picking ? pick.show('point', picked ? [picked] : []) : pick.start('point', point ? [[point.lng, point.lat]] : []))}>
        {t(picking ? 'forms.pickDone' : 'forms.pickOnMap')}
      </button>
      {picking && <span className="hint">{t('forms.pickHint')}</span>}
    </Field>
  );
}

/** Shows a point on the map without picking (an enterprise's location taken as the record's). */
export function useShowPoint(point: LngLat | null): void {
  const pick = useMapPick();
  const [lng, lat] = point ?? [];
  useEffect(() => {
    if (lng != null && lat != null) pick.show('point', [[lng, lat]]);
  }, [lng, lat, pick.show]);
}

/** A search box whose results are picked by a click; the query runs once two characters are typed. */
function Finder<T extends { id: string }>({ rows, search, onSearch, describe, onPick, testId, error }: {
  rows: readonly T[]; search: string; onSearch: (s: string) => void; describe: (row: T) => string; onPick: (row: T) => void;
  testId: string; error: Parameters<typeof ErrorText>[0]['error'];
}) {
  const { t } = useTranslation();
  return (
    <div className="finder" data-testid={testId}>
      <input type="search" value={search} placeholder={t('forms.searchHint')} onChange={(e) => onSearch(e.target.value)} />
      <ErrorText error={error} />
      {search.trim().length >= 2 && (
        <ul className="finder-results">
          {rows.length === 0 && <li className="hint">{t('forms.noMatch')}</li>}
          {rows.map((row) => <li key={row.id}><button type="button" onClick={() => onPick(row)}>{describe(row)}</button></li>)}
        </ul>
      )}
    </div>
  );
}

/** An enterprise in the viewer's scope, found by name or credit code. */
export function EnterpriseFinder({ form, label, chosen, onChoose }: {
  form: FormState; label: string; chosen: FoundEnterprise | null; onChoose: (enterprise: FoundEnterprise | null) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [result] = useQuery({ query: FindEnterprisesQuery, variables: { search: search.trim() }, pause: search.trim().length < 2 });
  return (
    <Field form={form} name="enterpriseId" label={label} group>
      {chosen ? (
        <span className="chosen" data-testid="chosen-enterprise">
          {chosen.name} · {chosen.creditCode}
          <button type="button" className="chip" onClick={() => onChoose(null)}>{t('forms.change')}</button>
        </span>
      ) : (
        <Finder
          testId="find-enterprise" rows={result.data?.enterprises.edges.map((e) => e.node) ?? []} search={search} onSearch={setSearch}
          describe={(e) => `${e.name} · ${e.creditCode}`} onPick={(e) => { onChoose(e); setSearch(''); }} error={result.error}
        />
      )}
    </Field>
  );
}

/** A road segment in the viewer's scope, found by road number or name; shown with its chainage. */
export function RoadSegmentFinder({ form, label, chosen, onChoose }: {
  form: FormState; label: string; chosen: FoundRoadSegment | null; onChoose: (segment: FoundRoadSegment | null) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [result] = useQuery({ query: FindRoadSegmentsQuery, variables: { search: search.trim() }, pause: search.trim().length < 2 });
  const describe = (r: FoundRoadSegment) => `${r.roadNumber} ${r.roadName} ${r.startChainage}–${r.endChainage}`;
  return (
    <Field form={form} name="roadSegmentId" label={label} group>
      {chosen ? (
        <span className="chosen" data-testid="chosen-road-segment">
          {describe(chosen)}
          <button type="button" className="chip" onClick={() => onChoose(null)}>{t('forms.change')}</button>
        </span>
      ) : (
        <Finder
          testId="find-road-segment" rows={result.data?.roadSegments.edges.map((e) => e.node) ?? []} search={search} onSearch={setSearch}
          describe={describe} onPick={(r) => { onChoose(r); setSearch(''); }} error={result.error}
        />
      )}
    </Field>
  );
}
