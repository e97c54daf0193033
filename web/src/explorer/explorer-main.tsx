import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getToken } from '../auth/token-store';

/**
 * The analysts' GraphQL explorer, bundled with the app so it works offline. It sends the
 * token the map stored at sign-in, so a query sees exactly the analyst's own scope.
 */
const token = getToken();
const fetcher = createGraphiQLFetcher({
  url: '/graphql',
  headers: token ? { Authorization: `Bearer ${token}` } : {},
});

createRoot(document.getElementById('explorer')!).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultQuery={'# 在此编写查询 · write a query here\n{\n  me { username role jurisdictionCode }\n}\n'} />
  </StrictMode>,
);
