// Whether the TURN tests can run here. `npm test` never installs system packages: without coturn
// those tests are skipped with this explanation; CI (.ci/run) installs coturn and sets
// RASHIGO_REQUIRE_TURN=1 so that a missing coturn fails there instead.
import { spawnSync } from 'node:child_process';

export const COTURN_MISSING =
  'coturn (turnserver) is not installed, so the TURN tests are skipped. To run them, install it: ' +
  '`apt-get install -y coturn` (Debian/Ubuntu), `dnf install coturn` (Fedora), `brew install coturn` (macOS).';

/** True when turnserver runs; otherwise logs why the TURN tests skip, or throws when they are required. */
export function checkCoturn({ env = process.env, log = (line) => console.log(line) } = {}) {
  if (!spawnSync('turnserver', ['--version'], { stdio: 'ignore', env }).error) return true;
  if (env.RASHIGO_REQUIRE_TURN === '1') throw new Error(`RASHIGO_REQUIRE_TURN=1 but ${COTURN_MISSING}`);
  log(COTURN_MISSING);
  return false;
}
