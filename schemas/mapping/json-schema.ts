import * as z from 'zod';
import { Mapping } from './language.ts';

/** The mapping language as JSON Schema draft 2020-12: what ajv checks mappings against, and what editors can use. */
export const mappingJsonSchema = z.toJSONSchema(Mapping, { target: 'draft-2020-12' });
