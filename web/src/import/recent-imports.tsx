import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorText } from '../errors/error-text';
import { useFormat } from '../i18n/format';
import { RecentImportsQuery } from './import.operations';

/**
 * 最近导入: the viewer's last imports with their outcome; one not yet confirmed is opened
 * again with a click (its file is still on the server).
 */
export function RecentImports({ openedId, onOpen }: { openedId: string | null; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [result] = useQuery({ query: RecentImportsQuery, requestPolicy: 'cache-and-network' });
  const runs = result.data?.importRuns ?? [];
  if (runs.length === 0 && !result.error) return null;
  return (
    <section className="import-step import-recent" data-testid="recent-imports">
      <h3>{t('import.recent.title')}</h3>
      <ErrorText error={result.error} />
      <table>
        <thead>
          <tr><th>{t('import.recent.at')}</th><th>{t('import.kind')}</th><th>{t('import.file')}</th><th>{t('import.recent.status')}</th><th>{t('import.recent.outcome')}</th></tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} className={run.id === openedId ? 'clickable selected' : 'clickable'} data-testid="recent-import" data-status={run.status} onClick={() => onOpen(run.id)}>
              <td>{format.dateTime(run.createdAt)}</td>
              <td>{t(`import.kinds.${run.kind}`)}</td>
              <td>{run.fileName}</td>
              <td>{t(`import.statuses.${run.status}`)}</td>
              <td>
                {run.status === 'DONE' || run.status === 'CHECKED'
                  ? t('import.done.summary', { inserted: run.inserted, updated: run.updated, unchanged: run.unchanged })
                  : ''}
                {run.status === 'CHECKED' && run.problemCount > 0 ? ` ${t('import.recent.problems', { count: run.problemCount })}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
