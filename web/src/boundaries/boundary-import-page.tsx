import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { getToken } from '../auth/token-store';
import { useFormat } from '../i18n/format';
import { TopBar } from '../home/top-bar';
import { MeQuery } from '../risk-map/risk-map.operations';

/** The admin's boundary import (POST /imports/boundaries): its report, as the api answers it. */
interface UnitReport {
  row: number;
  status: 'MATCHED' | 'UNMATCHED' | 'INVALID';
  code: string | null;
  name: string | null;
  by: 'code' | 'name' | null;
  reason: string | null;
  areaM2: number | null;
  overlapM2: number | null;
  outsideParentM2: number | null;
}
interface Report {
  confirmed: boolean;
  records: number;
  matched: number;
  unmatched: number;
  invalid: number;
  units: UnitReport[];
  parents: Array<{ code: string; name: string; areaM2: number; gapM2: number }>;
  outside: { enterprises: number; hazards: number };
}

const CRSS = ['', 'WGS84', 'CGCS2000', 'GCJ02', 'BD09'] as const;

async function send(file: File, level: string, crs: string, confirm: boolean): Promise<Report> {
  const form = new FormData();
  form.append('level', level);
  if (crs) form.append('crs', crs);
  if (confirm) form.append('confirm', 'true');
  form.append('file', file, file.name);
  const response = await fetch('/imports/boundaries', { method: 'POST', headers: { Authorization: `Bearer ${getToken() ?? ''}` }, body: form });
  const body = await response.json() as Report & { errors?: Array<{ message: string }> };
  if (!response.ok) throw new Error(body.errors?.[0]?.message ?? response.statusText);
  return body;
}

/**
 * 区划边界导入: the admin uploads county or town boundaries (GeoJSON or zipped Shapefile),
 * reads the dry run's report — matched, unmatched, invalid, overlaps, gaps, points left
 * outside — and confirms; the boundaries are replaced in one transaction.
 */
export function BoundaryImportPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [me] = useQuery({ query: MeQuery });
  const [file, setFile] = useState<File | null>(null);
  const [level, setLevel] = useState('town');
  const [crs, setCrs] = useState('');
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const user = me.data?.me;

  const run = async (confirm: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setReport(await send(file, level, crs, confirm));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(false);
  };
  const m2 = (value: number | null) => (value === null ? '' : format.integer(value));
  const mayConfirm = report && !report.confirmed && report.invalid === 0 && report.matched > 0;

  return (
    <div className="page boundary-import">
      <TopBar user={user} />
      <main className="import-page">
        <h2>{t('boundaries.title')}</h2>
        {user && user.role !== 'admin' ? <p className="error">{t('boundaries.adminOnly')}</p> : (
          <>
            <p className="hint">{t('boundaries.intro')}</p>
            <form className="import-step boundary-form" onSubmit={submit}>
              <label>{t('boundaries.file')}
                <input type="file" name="file" accept=".geojson,.json,.zip"
                  onChange={(e) => { setFile(e.target.files?.[0] ?? null); setReport(null); }} />
              </label>
              <label>{t('boundaries.level')}
                <select name="level" value={level} onChange={(e) => { setLevel(e.target.value); setReport(null); }}>
                  <option value="county">{t('boundaries.county')}</option>
                  <option value="town">{t('boundaries.town')}</option>
                </select>
              </label>
              <label>{t('boundaries.crs')}
                <select name="crs" value={crs} onChange={(e) => { setCrs(e.target.value); setReport(null); }}>
                  {CRSS.map((c) => <option key={c} value={c}>{c ? t(`boundaries.crsNames.${c}`) : t('boundaries.crsAuto')}</option>)}
                </select>
              </label>
              <button type="submit" disabled={!file || busy}>{t('boundaries.dryRun')}</button>
              <button type="button" disabled={!mayConfirm || busy} onClick={() => void run(true)}>{t('boundaries.confirm')}</button>
            </form>
            {busy && <p className="loading">{t('app.loading')}</p>}
            {error && <p className="error" role="alert">{error}</p>}
            {report && (
              <section data-testid="boundary-report">
                <p>{t(report.confirmed ? 'boundaries.done' : 'boundaries.checked', {
                  records: report.records, matched: report.matched, unmatched: report.unmatched, invalid: report.invalid,
                })}</p>
                <p>{t('boundaries.outside', report.outside)}</p>
                <table>
                  <thead><tr>
                    <th>{t('boundaries.row')}</th><th>{t('boundaries.status')}</th><th>{t('boundaries.unit')}</th>
                    <th>{t('boundaries.area')}</th><th>{t('boundaries.overlap')}</th><th>{t('boundaries.outsideParent')}</th><th>{t('boundaries.reason')}</th>
                  </tr></thead>
                  <tbody>
                    {report.units.map((u) => (
                      <tr key={u.row} className={u.status.toLowerCase()}>
                        <td>{u.row}</td><td>{t(`boundaries.statuses.${u.status}`)}</td><td>{u.name ? `${u.name} ${u.code}` : ''}</td>
                        <td>{m2(u.areaM2)}</td><td>{m2(u.overlapM2)}</td><td>{m2(u.outsideParentM2)}</td><td>{u.reason ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {report.parents.length > 0 && (
                  <table>
                    <thead><tr><th>{t('boundaries.parent')}</th><th>{t('boundaries.area')}</th><th>{t('boundaries.gap')}</th></tr></thead>
                    <tbody>
                      {report.parents.map((p) => (
                        <tr key={p.code}><td>{`${p.name} ${p.code}`}</td><td>{m2(p.areaM2)}</td><td>{m2(p.gapM2)}</td></tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </section>
            )}
            <p><a href="/">{t('boundaries.back')}</a></p>
          </>
        )}
      </main>
    </div>
  );
}
