import type { Connection, FieldDef, PoolClient, QueryResultRow } from 'pg';
import Result from 'pg/lib/result.js';
import { prepareValue } from 'pg/lib/utils.js';

/** A statement with its parameters, as pg's query(text, values) takes them. */
export interface Statement {
  text: string;
  values: unknown[];
}

/**
 * Sends statements in one round trip and one implicit transaction: each statement's Parse,
 * Bind, Describe and Execute, then a single Sync (the protocol's pipelining, as libpq's
 * pipeline mode does). A setting made local by the first (`set_config(..., true)`, the role)
 * holds for the next, and the transaction ends at the Sync; an error aborts the rest and
 * rolls back. pg has no pipelining of its own: this is a Submittable, as pg-cursor is, on
 * pg's documented message handlers.
 */
class Pipeline {
  private readonly results: Result[];
  private current = 0;
  private failed: Error | undefined;

  constructor(
    private readonly statements: readonly Statement[],
    private readonly done: (error: Error | undefined, rows: QueryResultRow[][]) => void,
  ) {
    this.results = statements.map(() => new Result());
  }

  submit(connection: Connection): void {
    // One write for all the messages (pg's Query corks the same way).
    connection.stream.cork();
    try {
      for (const statement of this.statements) {
        connection.parse({ name: '', text: statement.text, types: [] }, true);
        connection.bind({ values: statement.values.map((v) => prepareValue(v)) }, true);
        connection.describe({ type: 'P', name: '' }, true);
        connection.execute({}, true);
      }
      connection.sync();
    } finally {
      connection.stream.uncork();
    }
  }

  handleRowDescription(msg: { fields: FieldDef[] }): void {
    this.results[this.current]!.addFields(msg.fields);
  }

  handleDataRow(msg: { fields: unknown[] }): void {
    const result = this.results[this.current]!;
    result.addRow(result.parseRow(msg.fields));
  }

  handleCommandComplete(): void {
    this.current += 1;
  }

  handleEmptyQuery(): void {
    this.current += 1;
  }

  handlePortalSuspended(): void {
    // Every Execute asks all rows: no portal is ever suspended.
  }

  /** pg drops the active query on an error message: the answer is given now, not at the Sync. */
  handleError(error: Error): void {
    this.failed ??= error;
    this.done(error, []);
  }

  handleReadyForQuery(): void {
    if (!this.failed) this.done(undefined, this.results.map((r) => r.rows));
  }

  handleCopyInResponse(connection: Connection & { sendCopyFail(message: string): void }): void {
    connection.sendCopyFail('no COPY in a pipeline');
  }

  handleCopyData(): void {}
}

/** The rows of each statement, all sent in one round trip and one transaction (see Pipeline). */
export function pipelined(client: PoolClient, statements: readonly Statement[]): Promise<QueryResultRow[][]> {
  return new Promise((resolve, reject) => {
    client.query(new Pipeline(statements, (error, rows) => (error ? reject(error) : resolve(rows))) as never);
  });
}
