import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { ApiProvider } from '@/components/session/api-provider';
import './globals.css';

export const metadata: Metadata = {
  title: 'Rashigo',
  description: 'Self-hosted chat and voice for your communities',
};

export const viewport: Viewport = { colorScheme: 'dark', themeColor: '#1e1f22', width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request so PUBLIC_API_URL is read when the server runs, not inlined by `next build`.
  await connection();
  return (
    <html lang="en">
      <body>
        <ApiProvider apiUrl={process.env.PUBLIC_API_URL || null}>{children}</ApiProvider>
      </body>
    </html>
  );
}
