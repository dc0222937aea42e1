// Runs the command line from source in a child process (tests that need a real process: signals, ports).
import { main } from '../../src/cli.js';

process.exitCode = await main(process.argv.slice(2));
