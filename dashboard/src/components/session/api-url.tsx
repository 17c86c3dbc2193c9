'use client';

import { createContext, useContext } from 'react';
import { resolveApiUrl } from '@/lib/api-url';

/** The API's URL as configured (PUBLIC_API_URL), or null; ApiProvider provides it. */
export const ApiUrlContext = createContext<string | null>(null);

/** The API's GraphQL URL as the browser reaches it: what the paths it answers (avatars) resolve against. */
export const useApiUrl = (): string => resolveApiUrl(useContext(ApiUrlContext));
