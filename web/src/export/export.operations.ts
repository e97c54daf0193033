import { graphql } from '../gql';

export const RecordExportMutation = graphql(`
  mutation RecordExport($format: ExportFormat!, $rowCount: Int!, $filter: HazardFilter) {
    recordExport(format: $format, rowCount: $rowCount, filter: $filter)
  }
`);
