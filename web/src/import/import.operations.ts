import { graphql } from '../gql';

// The fields of a kind's ledger, each with its label, whether it is required and its allowed
// values: the mapping step's rows (IMPORT-CONTRACT.md §2).
export const ImportFieldsQuery = graphql(`
  query ImportFields($kind: ImportKind!) {
    importFields(kind: $kind) { name label required allowedValues hint }
  }
`);

// One import as the server reads, checks and writes it: polled while it works.
export const ImportRunQuery = graphql(`
  query ImportRun($id: ID!) {
    importRun(id: $id) { ...ImportRunState }
  }
`);

export const ImportRunStateFragment = graphql(`
  fragment ImportRunState on ImportRun {
    id kind fileName status totalRows processedRows validRows problemCount
    problems(first: 200) { row column value reason }
    columns mapping unmappedRequired inserted updated unchanged placedAtTown error
  }
`);

// Another mapping of fields to columns: the dry run starts again with it, and it is
// remembered for the viewer's next file of the kind.
export const RemapImportMutation = graphql(`
  mutation RemapImport($id: ID!, $mapping: JSON!) {
    remapImport(id: $id, mapping: $mapping) { ...ImportRunState }
  }
`);

// Writes the checked rows, all in one transaction; refused while a problem remains.
export const ConfirmImportMutation = graphql(`
  mutation ConfirmImport($id: ID!) {
    confirmImport(id: $id) { ...ImportRunState }
  }
`);

export const CancelImportMutation = graphql(`
  mutation CancelImport($id: ID!) {
    cancelImport(id: $id)
  }
`);

// The viewer's last imports, newest first: to come back to one not yet confirmed.
export const RecentImportsQuery = graphql(`
  query RecentImports {
    importRuns(first: 10) { id kind fileName status inserted updated unchanged problemCount createdAt }
  }
`);
