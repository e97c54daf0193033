import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import { badInput } from '../common/errors';
import { requireSignedIn } from '../common/mutation';
import { IMPORT_FIELDS } from './import.fields';
import { findRun, RUN_COLUMNS, runProblems, type ImportJobs, type ImportRunRow } from './import.service';
import { ImportField, ImportKind, ImportProblem, ImportRun, ImportStatus, kindName, kindOf } from './import.type';

/** Most runs listed at once, and problems of one run. */
const MAX_RUNS = 100;
const MAX_PROBLEMS = 10_000;

/** A run as the API shows it; a confirmation under way in this process reports its progress. */
function runOf(row: ImportRunRow, jobs: ImportJobs | undefined): ImportRun {
  const confirming = row.status === 'CONFIRMING' ? jobs?.progressOf(row.id) : undefined;
  return {
    id: row.id, kind: kindOf(row.kind), fileName: row.file_name, status: row.status as ImportStatus, totalRows: row.total_rows,
    processedRows: confirming ?? row.processed_rows, validRows: row.valid_rows, problemCount: row.problem_count, columns: row.columns,
    mapping: row.mapping, unmappedRequired: row.unmapped_required, inserted: row.inserted, updated: row.updated,
    unchanged: row.unchanged, placedAtTown: row.placed_at_town, error: row.error, createdAt: row.created_at, finishedAt: row.finished_at,
  };
}

function jobsOf(ctx: Context): ImportJobs {
  if (!ctx.imports) throw new Error('imports are not set up in this process');
  return ctx.imports;
}

@Resolver(() => ImportRun)
export class ImportResolver {
  @Query(() => [ImportField], { description: 'The fields of an import kind, in the template\'s order (docs/import.md).' })
  importFields(@Arg('kind', () => ImportKind) kind: ImportKind): ImportField[] {
    return IMPORT_FIELDS[kindName(kind)].map((field) => ({
      name: field.name, label: field.label, required: field.required, allowedValues: Object.values(field.labels ?? {}),
      synonyms: field.synonyms, hint: field.hint,
    }));
  }

  @Query(() => ImportRun, { nullable: true, description: 'One of your imports (the admin: anyone\'s).' })
  async importRun(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ImportRun | null> {
    requireSignedIn(ctx.viewer);
    try {
      return runOf(await findRun(ctx.db, id), ctx.imports);
    } catch (error) {
      if ((error as { extensions?: { code?: string } }).extensions?.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  @Query(() => [ImportRun], { description: `Your imports, newest first; at most ${MAX_RUNS}.` })
  async importRuns(@Arg('first', () => Int, { defaultValue: 20 }) first: number, @Ctx() ctx: Context): Promise<ImportRun[]> {
    requireSignedIn(ctx.viewer);
    if (!(first >= 1 && first <= MAX_RUNS)) throw badInput(`first must be 1 to ${MAX_RUNS}`, 'first');
    const rows = await ctx.db.query<ImportRunRow>(
      `select ${RUN_COLUMNS} from import_runs where user_id = app.user_id() order by created_at desc limit $1`, [first]);
    return rows.map((row) => runOf(row, ctx.imports));
  }

  @FieldResolver(() => [ImportProblem], { description: `The dry run's problems by row, at most \`first\` (${MAX_PROBLEMS}).` })
  problems(@Root() run: ImportRun, @Arg('first', () => Int, { defaultValue: 200 }) first: number, @Ctx() ctx: Context): Promise<ImportProblem[]> {
    if (!(first >= 0 && first <= MAX_PROBLEMS)) throw badInput(`first must be 0 to ${MAX_PROBLEMS}`, 'first');
    return runProblems(ctx.db, run.id, first);
  }

  @Mutation(() => ImportRun, { description: 'Runs the dry run again with this mapping (field name → column header); remembered for your next file of the kind.' })
  async remapImport(@Arg('id', () => ID) id: string, @Arg('mapping', () => GraphQLJSON) mapping: unknown, @Ctx() ctx: Context): Promise<ImportRun> {
    requireSignedIn(ctx.viewer);
    return runOf(await jobsOf(ctx).remap(ctx.db, id, mapping), ctx.imports);
  }

  @Mutation(() => ImportRun, { description: 'Writes a checked import without problems, in one transaction (BAD_USER_INPUT while it has problems).' })
  async confirmImport(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ImportRun> {
    requireSignedIn(ctx.viewer);
    return runOf(await jobsOf(ctx).confirm(ctx.db, id), ctx.imports);
  }

  @Mutation(() => Boolean, { description: 'Cancels an import not yet confirmed.' })
  async cancelImport(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    requireSignedIn(ctx.viewer);
    return jobsOf(ctx).cancel(ctx.db, id);
  }
}
