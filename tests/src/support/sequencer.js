const Sequencer = require('@jest/test-sequencer').default;

// The demo-data invariants describe the data as generated; the API tests commit changes to
// the same database (their requests commit, as in production). So the files that read the
// pristine demo run first, the rest in a stable order. Only these need the pristine demo: an
// API test comparing figures with the ledger reads both after the others' rows, and must
// hold whatever ran before it.
const FIRST = ['/src/seed/', '/src/db/'];
const rank = (path) => {
  const index = FIRST.findIndex((part) => path.includes(part));
  return index === -1 ? FIRST.length : index;
};

class PristineFirst extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
  }
}

module.exports = PristineFirst;
