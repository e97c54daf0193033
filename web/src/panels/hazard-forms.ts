import type { HazardAction } from '../gql/graphql';

export type Form = 'start' | 'submit' | 'verify' | 'reject' | 'extend' | 'reopen' | 'publish' | 'unpublish';

/**
 * The form behind each action the API offers (Hazard.viewerActions, decided by the database);
 * listing for supervision has no form in this panel.
 */
export const FORMS: Partial<Record<HazardAction, Form>> = {
  START_RECTIFICATION: 'start', SUBMIT_RECTIFICATION: 'submit', VERIFY_PASS: 'verify', VERIFY_FAIL: 'reject',
  EXTEND_DEADLINE: 'extend', REOPEN: 'reopen', PUBLISH: 'publish', UNPUBLISH: 'unpublish',
};

