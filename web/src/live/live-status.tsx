import { useTranslation } from 'react-i18next';
import { useSubscription } from 'urql';
import { COUNTS_HAZARDS } from '../panels/hazard.operations';
import { useLiveState } from './live-socket';
import { LiveUpdatesSubscription } from './live.operations';

/**
 * Subscribes to the live updates while the map page is open, and says whether they flow.
 * Each update passes urql's document cache with the Hazard typename (COUNTS_HAZARDS), which
 * refetches the list, the open hazard, the panel's figures and the map's aggregates; the
 * client's mapExchange moves the data revision on, so the map's tiles reload (client.ts).
 */
export function LiveStatus() {
  const { t } = useTranslation();
  const state = useLiveState();
  const [result] = useSubscription({ query: LiveUpdatesSubscription, context: COUNTS_HAZARDS }, (count: number | undefined) => (count ?? 0) + 1);
  return (
    <span className={`live-status live-${state}`} data-testid="live-status" data-state={state} data-updates={result.data ?? 0} title={t(`live.${state}Hint`)}>
      {t(`live.${state}`)}
    </span>
  );
}
