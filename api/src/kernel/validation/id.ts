import { z } from 'zod';
import { isSnowflake } from '../ids/snowflake.js';

/** An id argument: digits that fit Postgres' bigint, so a wrong one is BAD_USER_INPUT, never a database error. */
export const idSchema = z.string().refine(isSnowflake, 'must be an id');
