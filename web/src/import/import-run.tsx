import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { ErrorText } from '../errors/error-text';
import type { ImportRunStateFragment, ImportStatus } from '../gql/graphql';
import { useFormat } from '../i18n/format';
import { ColumnMapping, mappingOf } from './column-mapping';
import { DryRunResult, ImportCounts } from './dry-run-result';
import { IMPORT_KINDS } from './import-kinds';
import { ConfirmImportMutation, ImportRunQuery } from './import.operations';

/** How often a working import is asked for its progress. */
const POLL_MS = 1000;

/** Where the imported rows are: the map with the kind's ledger open (road segments are on the map only). */
function mapLink(run: ImportRunStateFragment): string {
  const ledger = IMPORT_KINDS[run.kind].ledger;
  return ledger ? `/?ledger=${ledger}` : '/';
}

/** The server's progress through the file while it reads and checks it, or writes it. */
function ServerProgress({ run }: { run: ImportRunStateFragment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const key = run.status === 'CONFIRMING' ? 'confirming' : 'reading';
  return (
    <section className="import-step" data-testid="server-progress">
      <h2>{t(`import.progress.${key}Title`)}</h2>
      <progress max={run.totalRows ?? undefined} value={run.totalRows ? run.processedRows : undefined} />
      <p className="loading">
        {run.totalRows
          ? t('import.progress.rows', { processed: format.integer(run.processedRows), total: format.integer(run.totalRows) })
          : t('import.progress.rowsSoFar', { processed: format.integer(run.processedRows) })}
      </p>
    </section>
  );
}

/** 确认导入: offered once the dry run found nothing wrong; everything or nothing is written. */
function Confirm({ run }: { run: ImportRunStateFragment }) {
  const { t } = useTranslation();
  const [confirmed, confirm] = useMutation(ConfirmImportMutation);
  const blocked = run.problemCount > 0 || run.unmappedRequired.length > 0;
  return (
    <section className="import-step import-confirm">
      <h2>{t('import.steps.confirm')}</h2>
      <p className="hint">{t(blocked ? 'import.confirm.blocked' : 'import.confirm.hint', { count: run.problemCount })}</p>
      <div className="actions">
        <button type="button" className="primary" data-testid="import-confirm" disabled={blocked || confirmed.fetching} onClick={() => void confirm({ id: run.id })}>
          {blocked ? t('import.steps.confirm') : t('import.confirm.button', { count: run.validRows })}
        </button>
      </div>
      <ErrorText error={confirmed.error} />
    </section>
  );
}

/** 导入完成: what was written, and where to see it. */
function Done({ run }: { run: ImportRunStateFragment }) {
  const { t } = useTranslation();
  return (
    <section className="import-step import-done" data-testid="import-done">
      <h2>{t('import.done.title')}</h2>
      <p>{t('import.done.summary', { inserted: run.inserted, updated: run.updated, unchanged: run.unchanged })}</p>
      <ImportCounts run={run} />
      <div className="actions">
        <a className="button primary" href={mapLink(run)} data-testid="view-on-map">{t('import.done.viewOnMap')}</a>
      </div>
    </section>
  );
}

/**
 * One import, as the server works on it: asked again every second while it reads or writes
 * (the page stays usable meanwhile), then the mapping, the dry run's result and the
 * confirmation, or what was written. `onStatus` hears each new status.
 */
export function ImportRunView({ id, onStatus }: { id: string; onStatus: (status: ImportStatus | undefined) => void }) {
  const { t } = useTranslation();
  const [result, reexecute] = useQuery({ query: ImportRunQuery, variables: { id }, requestPolicy: 'network-only' });
  const run = result.data?.importRun;
  const working = run?.status === 'READING' || run?.status === 'CONFIRMING';
  useEffect(() => onStatus(run?.status), [run?.status, onStatus]);
  useEffect(() => {
    if (!working) return undefined;
    const timer = window.setInterval(() => reexecute({ requestPolicy: 'network-only' }), POLL_MS);
    return () => window.clearInterval(timer);
  }, [working, reexecute]);

  if (!run) {
    return (
      <>
        <ErrorText error={result.error} />
        {result.fetching ? <p className="loading">{t('app.loading')}</p> : result.data && <p className="empty">{t('import.notFound')}</p>}
      </>
    );
  }
  return (
    <div className="import-run" data-testid="import-run" data-run={run.id} data-status={run.status}>
      <ErrorText error={result.error} />
      {working && <ServerProgress run={run} />}
      {run.status === 'CHECKED' && (
        <>
          {/* A new mapping from the server (a remap applied) starts the dropdowns afresh. */}
          <ColumnMapping key={JSON.stringify(mappingOf(run.mapping))} run={run} />
          <DryRunResult run={run} />
          <Confirm run={run} />
        </>
      )}
      {run.status === 'FAILED' && (
        <section className="import-step" data-testid="import-failed">
          <p className="error" role="alert">{t('import.failed', { file: run.fileName })}{run.error}</p>
          <p className="hint">{t('import.problems.fix')}</p>
        </section>
      )}
      {run.status === 'CANCELLED' && <p className="empty" data-testid="import-cancelled">{t('import.cancelled', { file: run.fileName })}</p>}
      {run.status === 'DONE' && <Done run={run} />}
    </div>
  );
}
