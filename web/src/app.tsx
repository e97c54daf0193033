import { useToken } from './auth/token-store';
import { BOUNDARY_IMPORT_PATH } from './boundaries/boundary-import-path';
import { BoundaryImportPage } from './boundaries/boundary-import-page';
import { HomePage } from './home/home-page';
import { ReportPage } from './public-report/report-page';
import { ReportStatusPage } from './public-report/report-status-page';
import { ScreenPage } from './screen/screen-page';
import { SignInPage } from './sign-in/sign-in-page';

/** The citizen's pages (群众举报), open without signing in: /report and /report/<receipt>. */
const REPORT_PATH = /^\/report(?:\/([^/]+))?\/?$/;

/** A receipt from the path; a malformed escape is kept as it is (the page then finds no report). */
function receiptOf(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function App() {
  const token = useToken();
  const report = REPORT_PATH.exec(window.location.pathname);
  if (report) return report[1] ? <ReportStatusPage receipt={receiptOf(report[1])} /> : <ReportPage />;
  if (!token) return <SignInPage />;
  // A new key per token: the signed-in user's data never shows for the next one. The big
  // screen (大屏) is the same app at /screen; after signing in there the viewer stays on it.
  if (window.location.pathname === BOUNDARY_IMPORT_PATH) return <BoundaryImportPage key={token} />;
  return window.location.pathname === '/screen' ? <ScreenPage key={token} /> : <HomePage key={token} />;
}
