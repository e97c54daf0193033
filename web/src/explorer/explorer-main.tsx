import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getToken } from '../auth/token-store';
import i18n from '../i18n';

/**
 * The analysts' GraphQL explorer, bundled with the app so it works offline. It sends the
 * token the map stored at sign-in, so a query sees exactly the analyst's own scope. The
 * api answers introspection only to analysts and admins (api/src/common/introspection.ts);
 * anyone else is told so instead of getting an explorer without a schema.
 */
const EXPLORING_ROLES = ['analyst', 'admin'];
const token = getToken();
const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
const root = createRoot(document.getElementById('explorer')!);

async function viewerRole(): Promise<string> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ me { role } }' }),
  });
  const body = (await response.json()) as { data?: { me?: { role?: string } } };
  // An expired token answers UNAUTHENTICATED: as good as not signed in.
  return body.data?.me?.role?.toLowerCase() ?? 'public';
}

function AnalystsOnly({ role }: { role: string }) {
  return (
    <main style={{ fontFamily: 'sans-serif', padding: '2rem' }}>
      <p role="alert">{i18n.t('explorer.analystsOnly')}</p>
      <p>{i18n.t('explorer.signedInAs', { role: i18n.t(`roles.${role}`, { defaultValue: role }) })}</p>
      <p><a href="/">{i18n.t('explorer.signIn')}</a></p>
    </main>
  );
}

void viewerRole().catch(() => 'public').then((role) => {
  root.render(
    <StrictMode>
      {EXPLORING_ROLES.includes(role)
        ? <GraphiQL fetcher={createGraphiQLFetcher({ url: '/graphql', headers })}
            defaultQuery={'# 在此编写查询 · write a query here\n{\n  me { username role jurisdictionCode }\n}\n'} />
        : <AnalystsOnly role={role} />}
    </StrictMode>,
  );
});
