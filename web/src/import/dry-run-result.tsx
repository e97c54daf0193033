import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../errors/error-codes';
import { ErrorText } from '../errors/error-text';
import { downloadFile } from '../export/download';
import type { ImportRunStateFragment } from '../gql/graphql';
import { useFormat } from '../i18n/format';
import { reportExtension } from './import-kinds';

/** The counts of a run: what confirming would do (dry run) or what it did (done). */
export function ImportCounts({ run }: { run: ImportRunStateFragment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const counts = [
    ['validRows', run.validRows], ['inserted', run.inserted], ['updated', run.updated], ['unchanged', run.unchanged],
    ['placedAtTown', run.placedAtTown], ['problemCount', run.problemCount],
  ] as const;
  return (
    <div className="numbers import-counts">
      {counts.map(([name, value]) => (
        <div key={name} className={name === 'problemCount' && value > 0 ? 'number problems' : 'number'} data-testid={`count-${name}`} data-value={value}>
          <div className="value">{format.integer(value)}</div>
          <div className="label">{t(`import.counts.${name}`)}</div>
        </div>
      ))}
    </div>
  );
}

/** 错误报告: the original file with a 错误原因 column, to fix in place and upload again. */
function ReportButton({ run }: { run: ImportRunStateFragment }) {
  const { t } = useTranslation();
  const [refusal, setRefusal] = useState<ErrorCode | undefined>();
  const extension = reportExtension(run.fileName);
  const name = `${run.fileName.replace(/\.[^.]+$/, '')}-错误报告.${extension}`;
  return (
    <>
      <button type="button" data-testid="import-report" onClick={() => void downloadFile(`/imports/${run.id}/report.${extension}`, name).then(setRefusal)}>
        {t('import.report')}
      </button>
      <ErrorText code={refusal} />
    </>
  );
}

/**
 * 试导入结果: what confirming would write, and every problem found (row, column, value,
 * reason, as the API words it in Chinese) — the first ones listed, all in the report.
 */
export function DryRunResult({ run }: { run: ImportRunStateFragment }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="import-step" data-testid="dry-run">
      <h2>{t('import.dryRun.title')}</h2>
      <p className="hint">{t('import.dryRun.nothingWritten', { file: run.fileName })}</p>
      <ImportCounts run={run} />
      {run.problemCount === 0 ? (
        <p className="import-ok" data-testid="no-problems">{t('import.problems.none')}</p>
      ) : (
        <>
          <h3>{t('import.problems.title')}</h3>
          <div className="import-problems">
            <table data-testid="import-problems">
              <thead>
                <tr><th>{t('import.problems.row')}</th><th>{t('import.problems.column')}</th><th>{t('import.problems.value')}</th><th>{t('import.problems.reason')}</th></tr>
              </thead>
              <tbody>
                {run.problems.map((p, index) => (
                  <tr key={index} data-testid="import-problem" data-row={p.row}>
                    <td>{format.integer(p.row)}</td><td>{p.column ?? '—'}</td><td>{p.value ?? ''}</td><td>{p.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {run.problemCount > run.problems.length && (
            <p className="hint">{t('import.problems.more', { shown: format.integer(run.problems.length), total: format.integer(run.problemCount) })}</p>
          )}
          <div className="actions">
            <ReportButton run={run} />
            <span className="hint">{t('import.problems.fix')}</span>
          </div>
        </>
      )}
    </section>
  );
}
