import type { HazardStatus } from '../gql/graphql';

export type HazardAction = 'start' | 'submit' | 'verify' | 'reject' | 'extend' | 'reopen' | 'publish' | 'unpublish';

/** Staff who may verify, reopen and extend (the API's STAFF_WRITERS). */
const STAFF = new Set(['admin', 'town', 'inspector']);

/**
 * The actions a role may take on a hazard in a status, as the API allows them: staff and
 * an enterprise record rectification; verification (验收), reopening (回头看) and deadline
 * extensions are for staff, and so is publication (公示) and its withdrawal, in any status.
 * The API and the database check again; this only hides buttons.
 */
export function allowedActions(role: string, status: HazardStatus, published: boolean): HazardAction[] {
  const rectifier = STAFF.has(role) || role === 'enterprise';
  const staff = STAFF.has(role);
  const publication: HazardAction[] = staff ? [published ? 'unpublish' : 'publish'] : [];
  switch (status) {
    case 'REPORTED':
      return [...(rectifier ? ['start' as const] : []), ...(staff ? ['extend' as const] : []), ...publication];
    case 'RECTIFYING':
      return [...(rectifier ? ['submit' as const] : []), ...(staff ? ['extend' as const] : []), ...publication];
    case 'AWAITING_VERIFICATION':
      return staff ? ['verify', 'reject', ...publication] : [];
    case 'CLOSED':
      return staff ? ['reopen', ...publication] : [];
  }
}
