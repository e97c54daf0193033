import { readDbConfig } from './config';
import { openDatabase } from './database';
import { repairSummaries, summaryDrift } from './summaries';

// npm run summaries:repair -w @risk/db: recounts the hazard summaries and those of the
// enterprises, inspections and accidents from the rows (and the lateness rows from the
// history) of the database at DATABASE_URL (else the embedded one) and says what differed.
async function main(): Promise<void> {
  const db = await openDatabase(readDbConfig());
  try {
    const before = await repairSummaries(db.pool);
    const after = await summaryDrift(db.pool);
    console.log(`hazard summaries rebuilt: ${before.counts} count keys, ${before.months} month keys, ${before.trendMonths} trend month keys `
      + `and ${before.cells} cell keys differed from the rows, `
      + `${before.lateness} lateness rows and ${before.latenessMonths} lateness month keys from the history, `
      + `${before.enterprises} enterprise, ${before.inspections} inspection and ${before.accidents} accident keys from the rows; `
      + `now ${after.counts}, ${after.months}, ${after.trendMonths}, ${after.cells}, ${after.lateness}, ${after.latenessMonths}, `
      + `${after.enterprises}, ${after.inspections} and ${after.accidents}`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
