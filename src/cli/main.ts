// The `tend` command line. Each command is a thin call into services.
import { Command, CommanderError } from 'commander';
import { registerClv } from './commands/clv.js';
import { registerCustomer } from './commands/customer.js';
import { registerDemo } from './commands/demo.js';
import { registerImport } from './commands/import.js';
import { registerScore } from './commands/score.js';
import { registerSegment } from './commands/segment.js';
import { registerServe } from './commands/serve.js';
import { registerSource } from './commands/source.js';
import { registerStats } from './commands/stats.js';
import { registerTag } from './commands/tag.js';
import { registerUnmerge } from './commands/unmerge.js';
import { registerUser } from './commands/user.js';
import { reportError } from './context.js';

export function buildProgram(): Command {
  const program = new Command('tend')
    .description('Tend: operations for the customers you already have (存量客户运营)')
    .version('0.1.0')
    .option('--db <path>', 'DuckDB database file (default ./.tend/tend.duckdb or TEND_DB)')
    .option('--database-url <url>', 'PostgreSQL URL instead of DuckDB (or TEND_DATABASE_URL)')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  for (const register of [registerImport, registerDemo, registerStats, registerCustomer, registerUnmerge, registerScore, registerSegment, registerTag, registerSource, registerClv, registerUser, registerServe]) register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    return reportError(err);
  }
}

// Output piped into `head` and closed early is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const code = await main(process.argv);
// `serve` keeps running; every other command ends here with its exit code.
if (code !== 0) process.exit(code);
