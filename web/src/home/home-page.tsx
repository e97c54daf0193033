import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorText } from '../errors/error-text';
import { BoundariesQuery, MeQuery } from '../risk-map/risk-map.operations';
import { RiskMapPage } from '../risk-map/risk-map-page';
import { EnterpriseHome } from './enterprise-home';
import { TopBar } from './top-bar';

/**
 * Each role's first screen: an enterprise user works on their own company, not on a map of
 * a county they cannot supervise; every other role on the map of their own jurisdiction.
 */
export function HomePage() {
  const { t } = useTranslation();
  const [me] = useQuery({ query: MeQuery });
  // The map's outlines are asked for alongside Me, not after it: the map's first view waits
  // on both. Only an enterprise user, known once Me answers, has no map to draw them on.
  useQuery({ query: BoundariesQuery, pause: me.data?.me.role === 'enterprise' });
  const user = me.data?.me;
  if (user?.role === 'enterprise' && user.enterpriseId) return <EnterpriseHome user={user} enterpriseId={user.enterpriseId} />;
  if (user) return <RiskMapPage user={user} />;
  return (
    <div className="page">
      <TopBar user={undefined} />
      <ErrorText error={me.error} />
      {me.fetching && <p className="loading">{t('app.loading')}</p>}
    </div>
  );
}
