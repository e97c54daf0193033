import { useQuery } from 'urql';
import { graphql } from '../gql';

const TodayQuery = graphql(`
  query Today { today }
`);

/**
 * Today in the deployment's time zone, from the API's one clock: the browser's own date can
 * be another day (a laptop set to UTC sees Beijing's morning as yesterday). Null while loading.
 */
export function useToday(): string | null {
  const [result] = useQuery({ query: TodayQuery });
  return result.data?.today ?? null;
}
