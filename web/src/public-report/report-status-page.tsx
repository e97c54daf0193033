import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorText } from '../errors/error-text';
import { LanguageSwitch } from '../language-switch';
import { useFormat } from '../i18n/format';
import { PublicReportStatusQuery } from './public-report.operations';

/** What a citizen may know of their report by its receipt: its status and dates, nothing else. */
export function ReportStatusPage({ receipt }: { receipt: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [result] = useQuery({ query: PublicReportStatusQuery, variables: { receipt } });
  const status = result.data?.publicReportStatus;
  return (
    <main className="public-report">
      <header>
        <h1>{t('report.statusTitle')}</h1>
        <LanguageSwitch />
      </header>
      <p className="receipt">{receipt}</p>
      {result.error && <ErrorText error={result.error} />}
      {result.data && !status && <p className="error" role="alert">{t('report.unknownReceipt')}</p>}
      {status && (
        <dl className="fields" data-testid="report-status">
          <dt>{t('report.status')}</dt><dd data-testid="report-status-value">{t(`status.${status.status}`)}</dd>
          <dt>{t('report.reportedAt')}</dt><dd>{format.dateTime(status.reportedAt)}</dd>
          {status.statusChangedAt && <><dt>{t('report.statusChangedAt')}</dt><dd>{format.dateTime(status.statusChangedAt)}</dd></>}
          {status.closedAt && <><dt>{t('report.closedAt')}</dt><dd>{format.dateTime(status.closedAt)}</dd></>}
        </dl>
      )}
      <a href="/report">{t('report.another')}</a>
    </main>
  );
}
