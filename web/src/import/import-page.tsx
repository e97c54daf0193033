import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { BOUNDARY_IMPORT_PATH } from '../boundaries/boundary-import-path';
import { ErrorText } from '../errors/error-text';
import type { ImportKind, ImportStatus, MeQuery } from '../gql/graphql';
import { TopBar } from '../home/top-bar';
import { MeQuery as MeDocument } from '../risk-map/risk-map.operations';
import { useUrlParam } from '../url-state';
import { ChooseFile } from './choose-file';
import { importableKinds } from './import-kinds';
import { CancelImportMutation } from './import.operations';
import { ImportRunView } from './import-run';
import { RecentImports } from './recent-imports';

function ImportWizard({ user }: { user: MeQuery['me'] }) {
  const { t } = useTranslation();
  const kinds = importableKinds(user);
  // The import shown is kept in the URL: a reload, or coming back later, finds it again.
  const [runId, setRunId] = useUrlParam('run');
  const [kind, setKind] = useState<ImportKind | undefined>(kinds[0]);
  const [status, setStatus] = useState<ImportStatus | undefined>();
  const [, cancel] = useMutation(CancelImportMutation);

  if (!kind) return <p className="empty" data-testid="import-not-allowed">{t('import.notAllowed')}</p>;

  // A new file is the user's fix of the one shown: that import is dropped (the server keeps
  // a done one as it is), so an unconfirmed file does not linger on the server.
  function uploaded(id: string) {
    if (runId) void cancel({ id: runId });
    setRunId(id);
  }

  return (
    <>
      <ChooseFile kinds={kinds} kind={kind} onKind={setKind} onUploaded={uploaded} />
      {runId && <ImportRunView key={runId} id={runId} onStatus={setStatus} />}
      {/* Asked again whenever the import shown changes: uploads and progress go past the GraphQL cache. */}
      <RecentImports key={`${runId ?? ''}:${status ?? ''}`} openedId={runId} onOpen={setRunId} />
    </>
  );
}

/**
 * 导入台账 (/import): a county's existing ledgers brought in from Excel, CSV, GeoJSON or a
 * zipped Shapefile — choose and upload the file, map its columns, read the dry run's
 * problems, fix and upload again, confirm. Nothing is written before the confirmation.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const [me] = useQuery({ query: MeDocument });
  const user = me.data?.me;
  return (
    <div className="page">
      <TopBar user={user} />
      <main className="import-page" data-testid="import-page">
        <header>
          <h1>{t('import.title')}</h1>
          <a href="/">{t('import.backToMap')}</a>
          {/* Boundaries are the admin's own import, on a screen of its own (docs/boundaries.md). */}
          {user?.role === 'admin' && <a href={BOUNDARY_IMPORT_PATH} data-testid="import-boundaries-link">{t('app.boundaryImport')}</a>}
        </header>
        <p className="hint">{t('import.intro')}</p>
        <ErrorText error={me.error} />
        {me.fetching && !user && <p className="loading">{t('app.loading')}</p>}
        {user && <ImportWizard user={user} />}
      </main>
    </div>
  );
}
