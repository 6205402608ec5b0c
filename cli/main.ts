import { Command } from 'commander';
import { commands } from './commands/index.ts';

export async function main(argv: string[]): Promise<void> {
  const program = new Command('relais')
    .description('Relais: interoperability for child-protection case management')
    .showHelpAfterError();
  for (const register of commands) register(program);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    // Commands throw for conditions a user can act on; the message says what to do, a stack would not.
    process.stderr.write(`relais: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
