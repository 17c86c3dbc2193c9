import { z } from 'zod';
import { displayNameSchema } from '../auth/auth.inputs.js';

export const updateProfileSchema = z.object({ displayName: displayNameSchema });
