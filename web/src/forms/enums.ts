import type {
  EnforcementKind, EnterpriseStatus, InspectionKind, RiskLevel, RoadClass, RoadFeature, StandardizationGrade, SupervisionLevel,
} from '../gql/graphql';
import { allOf } from '../filters/filters';

// The values the forms offer, in the order they are shown; the compiler holds each list to
// the generated schema types (allOf), so none can drift from the API.
export { HAZARD_LEVELS, SECTORS } from '../filters/filters';
export const RISK_LEVELS = allOf<RiskLevel>()('RED', 'ORANGE', 'YELLOW', 'BLUE');
export const INSPECTION_KINDS = allOf<InspectionKind>()('ROUTINE', 'SPECIAL_CAMPAIGN', 'UNANNOUNCED', 'JOINT', 'FOLLOW_UP');
export const ENFORCEMENT_KINDS = allOf<EnforcementKind>()('ORDER_RECTIFY', 'FINE', 'SUSPEND', 'CLOSE', 'REFER_JUDICIARY');
export const SUPERVISION_LEVELS = allOf<SupervisionLevel>()('COUNTY', 'CITY', 'PROVINCE');
export const ENTERPRISE_STATUSES = allOf<EnterpriseStatus>()('OPERATING', 'SUSPENDED', 'CLOSED');
export const STANDARDIZATION_GRADES = allOf<StandardizationGrade>()('LEVEL_1', 'LEVEL_2', 'LEVEL_3', 'NONE');
export const ROAD_CLASSES = allOf<RoadClass>()('EXPRESSWAY', 'NATIONAL', 'PROVINCIAL', 'COUNTY', 'TOWNSHIP', 'VILLAGE', 'URBAN');
export const ROAD_FEATURES = allOf<RoadFeature>()(
  'SHARP_BEND_STEEP_SLOPE', 'BESIDE_WATER_OR_CLIFF', 'LONG_DESCENT', 'POOR_SIGHT_LINES', 'NO_GUARD_RAILS', 'LEVEL_JUNCTION', 'ACCIDENT_BLACK_SPOT',
);
