// Prints one plain closing line, "N passed, N failed", that CI tooling reads in any language;
// jest's own summary ("Tests: N passed, N total") is not in that form.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    console.log(`jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
  }
}

module.exports = SummaryReporter;
