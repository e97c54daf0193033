import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { useToday } from '../clock/use-today';
import { errorCodes, type ErrorCode } from '../errors/error-codes';
import { ErrorText } from '../errors/error-text';
import { downloadFile } from '../export/download';
import type { BriefingFieldsFragment } from '../gql/graphql';
import { BriefingsQuery, GenerateBriefingMutation, GenerateQuarterlyTableMutation } from './briefing.operations';

/** The month before `today` as YYYY-MM: a briefing reports a month that has ended. */
function previousMonth(today: string): string {
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

function BriefingRow({ briefing, onRefused }: { briefing: BriefingFieldsFragment; onRefused: (code: ErrorCode | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <li data-testid="briefing">
      <span>{briefing.title}</span>{' '}
      {briefing.files.map((file) => (
        <button key={file.format} type="button" onClick={() => void downloadFile(file.path, `${briefing.title}.${file.format}`).then(onRefused)}>
          {t(`briefing.formats.${file.format}`)}
        </button>
      ))}
    </li>
  );
}

/**
 * 通报与统计报表: a leader, analyst or administrator makes the monthly briefing (DOCX, PDF) or
 * the quarterly statistics table (XLSX) of their unit and downloads kept ones. Shown to those
 * the API lets list briefings: a role it refuses sees nothing here.
 */
export function BriefingPanel({ code }: { code: string }) {
  const { t } = useTranslation();
  const today = useToday();
  const [list, refetch] = useQuery({ query: BriefingsQuery, variables: { code } });
  const [monthly, generateMonthly] = useMutation(GenerateBriefingMutation);
  const [quarterly, generateQuarterly] = useMutation(GenerateQuarterlyTableMutation);
  const [month, setMonth] = useState<string | null>(null);
  const [quarter, setQuarter] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<ErrorCode | undefined>();
  const briefings = list.data?.briefings ?? [];
  if (list.error && errorCodes(list.error).includes('FORBIDDEN')) return null;
  if (!today) return null;
  const chosenMonth = month ?? previousMonth(today);
  const chosenQuarter = quarter ?? `${chosenMonth.slice(0, 4)}-${Math.ceil(Number(chosenMonth.slice(5, 7)) / 3)}`;
  const busy = monthly.fetching || quarterly.fetching;
  const done = () => refetch({ requestPolicy: 'network-only' });

  return (
    <section className="briefing-panel" data-testid="briefing-panel">
      <h2>{t('briefing.title')}</h2>
      <div className="actions">
        <label>
          {t('briefing.month')}{' '}
          <input type="month" name="briefing-month" value={chosenMonth} max={today.slice(0, 7)} onChange={(e) => setMonth(e.target.value)} />
        </label>
        <button type="button" disabled={busy} onClick={() => void generateMonthly({ code, month: chosenMonth }).then(done)}>{t('briefing.generateMonthly')}</button>
      </div>
      <div className="actions">
        <label>
          {t('briefing.quarter')}{' '}
          <select name="briefing-quarter" value={chosenQuarter} onChange={(e) => setQuarter(e.target.value)}>
            {[0, 1, 2, 3, 4, 5, 6, 7].map((back) => {
              const index = Number(today.slice(0, 4)) * 4 + Math.ceil(Number(today.slice(5, 7)) / 3) - 1 - back;
              const value = `${Math.floor(index / 4)}-${(index % 4) + 1}`;
              return <option key={value} value={value}>{t('briefing.quarterName', { year: Math.floor(index / 4), quarter: (index % 4) + 1 })}</option>;
            })}
          </select>
        </label>
        <button type="button" disabled={busy} onClick={() => {
          const [year, q] = chosenQuarter.split('-').map(Number) as [number, number];
          void generateQuarterly({ code, year, quarter: q }).then(done);
        }}>{t('briefing.generateQuarterly')}</button>
      </div>
      {busy && <p className="loading">{t('briefing.generating')}</p>}
      <ErrorText error={monthly.error ?? quarterly.error ?? list.error} code={refusal} />
      {briefings.length === 0 && !list.fetching && <p className="empty">{t('briefing.none')}</p>}
      <ul className="briefings">
        {briefings.map((b) => <BriefingRow key={b.id} briefing={b} onRefused={setRefusal} />)}
      </ul>
    </section>
  );
}
