import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'Rashigo',
  description: 'Self-hosted chat and voice for your communities',
};

export const viewport: Viewport = { colorScheme: 'dark', themeColor: '#1e1f22' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
