import type { Messages } from './zh-cn';

export const en: Messages = {
  app: {
    title: 'Work-safety risk map',
    language: 'Language',
    signOut: 'Sign out',
    explorer: 'GraphQL explorer',
    syntheticNote: 'Boundaries are approximate; town boundaries, enterprises, hazards and road segments are synthetic demo data.',
    loading: 'Loading…',
    pending: 'This data is not served by the API yet',
  },
  languages: { 'zh-CN': '中文', en: 'English' },
  roles: {
    admin: 'Administrator', leader: 'Leader', analyst: 'Safety-committee analyst', inspector: 'Department inspector',
    town: 'Town official', enterprise: 'Enterprise', public: 'Public',
  },
  signIn: {
    title: 'Sign in', username: 'User name', password: 'Password', submit: 'Sign in',
    demoUsers: 'Demo users', passwordHint: 'The demo password is printed by npm start (default yiyang-demo).',
  },
  errors: {
    BAD_USER_INPUT: 'Some input is not accepted; check it and try again.',
    UNAUTHENTICATED: 'Your session has ended; please sign in again.',
    FORBIDDEN: 'Your role may not do this, or the record is outside your jurisdiction.',
    NOT_FOUND: 'The record was not found; it may be gone or outside your jurisdiction.',
    CONFLICT: 'Someone else changed this record; reload and try again.',
    INVALID_TRANSITION: 'This action is not possible in the current status; reload to see the latest.',
    RATE_LIMITED: 'Too many requests; please wait a moment.',
    INTERNAL_SERVER_ERROR: 'Something went wrong on the server; please try again later.',
    NETWORK: 'Cannot reach the server; check the network.',
    signIn: { UNAUTHENTICATED: 'Wrong user name or password.' },
  },
  levels: { city: 'City', county: 'County', town: 'Town', province: 'Province' },
  map: {
    layers: 'Layers',
    legend: 'Legend',
    boundaries: 'Jurisdictions',
    choropleth: 'Choropleth',
    choroplethLevel: 'Units',
    metric: 'Metric',
    heatmap: 'Hazard heatmap',
    enterprises: 'Enterprises (four colours)',
    roads: 'Road segments',
    overdue: 'Overdue hazards',
    clusterHint: 'Circles group nearby enterprises; zoom in to see each',
    sectorsAll: 'All sectors',
    weight: 'Weight: major hazard × 3, general × 1',
    low: 'Low', high: 'High',
  },
  metrics: {
    overdueCount: 'Overdue hazards', riskScore: 'Risk score', rectificationRate: 'Rectification rate', openMajor: 'Open major hazards',
  },
  risk: { RED: 'Major risk', ORANGE: 'Considerable risk', YELLOW: 'General risk', BLUE: 'Low risk' },
  hazardLevel: { GENERAL: 'General', MAJOR: 'Major' },
  status: { REPORTED: 'Reported', RECTIFYING: 'Rectifying', AWAITING_VERIFICATION: 'Awaiting verification', CLOSED: 'Closed' },
  source: {
    SELF_INSPECTION: 'Self-inspection', DEPARTMENT_INSPECTION: 'Department inspection', SUPERVISION: 'Enforcement',
    UNANNOUNCED_VISIT: 'Unannounced visit', PUBLIC_REPORT: 'Public report',
  },
  filters: {
    title: 'Filters', jurisdiction: 'Jurisdiction', allJurisdictions: 'All in scope', sectors: 'Sector', levels: 'Level',
    statuses: 'Status', sources: 'Source', overdueOnly: 'Overdue only', from: 'Found from', to: 'to', any: 'Any', reset: 'Reset',
  },
  list: {
    title: 'Hazard ledger', orderBy: 'Order', previous: 'Previous', next: 'Next', page: 'Page {{page}}',
    orders: { OVERDUE_DAYS_DESC: 'Days overdue', FOUND_AT_DESC: 'Latest found', DEADLINE_ASC: 'Deadline', LEVEL_DESC: 'Major first' },
  },
  export: {
    xlsx: 'Export Excel', csv: 'Export CSV', fileName: 'hazard-ledger',
    code: 'Code', description: 'Description', town: 'Town', subject: 'Enterprise / road / place', sector: 'Sector',
    level: 'Level', source: 'Source', status: 'Status', foundAt: 'Found', deadline: 'Deadline', overdueDays: 'Days overdue',
  },
  detail: {
    fiveInPlace: 'Five in place', history: 'History', system: 'System', extended: 'Deadline extended to {{date}}', back: 'Back to list',
    fields: {
      responsiblePerson: 'Responsible person', measures: 'Measures', fundsYuan: 'Funds (yuan)', deadline: 'Deadline', contingencyPlan: 'Contingency plan',
      note: 'Note', reason: 'Reason', newDeadline: 'New deadline',
    },
  },
  actions: { start: 'Start rectification', submit: 'Submit for verification', verify: 'Pass verification', reject: 'Fail verification', extend: 'Extend deadline', reopen: 'Reopen (follow-up)' },
  sectors: {
    HAZARDOUS_CHEMICALS: 'Hazardous chemicals', COAL_MINE: 'Coal mines', NON_COAL_MINE: 'Non-coal mines, tailings', ROAD_TRAFFIC: 'Road traffic',
    WATER_TRAFFIC: 'Water traffic, ferries', CONSTRUCTION: 'Construction', FIRE_SAFETY: 'Fire safety', SPECIAL_EQUIPMENT: 'Special equipment',
    FIREWORKS: 'Fireworks', CITY_GAS: 'City gas', INDUSTRY_TRADE: 'Industry and trade', FISHING_VESSEL: 'Fishing vessels',
    NEW_ENERGY: 'New energy', CROWDED_PLACE: 'Crowded places',
  },
};
