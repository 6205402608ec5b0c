import { Command } from 'commander';
import { commands } from './commands/index.ts';

export async function main(argv: string[]): Promise<void> {
  const program = new Command('relais')
    .description('Relais: interoperability for child-protection case management')
    .showHelpAfterError();
  for (const register of commands) register(program);
  await program.parseAsync(argv);
}
