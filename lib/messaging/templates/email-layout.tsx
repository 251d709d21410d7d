import type { ReactNode } from 'react';
import { Body, Container, Head, Heading, Html, Preview, Text } from '@react-email/components';

/** The frame every Latchkey email shares: preview line, brand, heading, then the message. */
export function EmailLayout({ preview, heading, children }: { preview: string; heading: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: '#f8fafc', fontFamily: 'system-ui, sans-serif' }}>
        <Container
          style={{
            backgroundColor: '#ffffff',
            border: '1px solid #e2e8f0',
            borderRadius: 8,
            margin: '24px auto',
            padding: 24,
            maxWidth: 520,
          }}
        >
          <Text style={{ color: '#4338ca', fontWeight: 700, margin: 0 }}>Latchkey</Text>
          <Heading as="h1" style={{ fontSize: 20, color: '#0f172a' }}>
            {heading}
          </Heading>
          {children}
        </Container>
      </Body>
    </Html>
  );
}
