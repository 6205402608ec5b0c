import type { TestProject } from 'vitest/node';
import { chromiumPath } from './chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumPath: string;
  }
}

/** Unpacks Chromium once, before the workers start: two workers unpacking it at once would race. */
export default async function setup(project: TestProject) {
  project.provide('chromiumPath', await chromiumPath());
}
