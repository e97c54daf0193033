/** Who is asking: a signed-in user with their scope, or the anonymous public. */
export interface Viewer {
  userId: number | null;
  username: string | null;
  role: 'admin' | 'leader' | 'analyst' | 'inspector' | 'town' | 'enterprise' | 'public';
  jurisdictionCode: string | null;
  sectors: string[];
  enterpriseId: number | null;
  /** The enterprise user's town, which scopes what jurisdictions they see. */
  enterpriseTownCode: string | null;
}

export const PUBLIC_VIEWER: Viewer = {
  userId: null,
  username: null,
  role: 'public',
  jurisdictionCode: null,
  sectors: [],
  enterpriseId: null,
  enterpriseTownCode: null,
};

/**
 * The code prefix that row-level security matches town codes against: '4309' for the city
 * 430900, the county code for a county, the town code for a town, '' for the admin.
 */
export function scopePrefix(viewer: Viewer): string | null {
  if (viewer.role === 'admin') return '';
  const code = viewer.role === 'enterprise' ? viewer.enterpriseTownCode : viewer.jurisdictionCode;
  return code ? codePrefix(code) : null;
}

/**
 * The prefix every town code under a jurisdiction starts with (GB/T 2260): '43' for the
 * province 430000, '4309' for the city 430900, the code itself for a county or a town.
 */
export function codePrefix(code: string): string {
  if (code.length === 9) return code;
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** What app.session_viewer returns for an active account: its role and scope now. */
export interface SessionScope {
  username: string;
  role: Viewer['role'];
  jurisdictionCode: string | null;
  sectors: string[];
  enterpriseId: number | null;
  enterpriseTownCode: string | null;
}

/** The viewer of user `userId` as the database knows them now; null when deactivated or gone. */
export function viewerOfSession(userId: number, session: SessionScope | null): Viewer | null {
  return session && { userId, ...session };
}

/** Whether two viewers have the same role and scope (the settings row-level security reads). */
export function sameScope(a: Viewer, b: Viewer): boolean {
  return a.role === b.role && scopePrefix(a) === scopePrefix(b) && a.enterpriseId === b.enterpriseId &&
    a.sectors.join(',') === b.sectors.join(',');
}
