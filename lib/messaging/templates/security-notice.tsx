import { Body, Container, Head, Heading, Html, Preview, Section, Text } from '@react-email/components';

export type SecurityNoticeProps = { name: string; heading: string; paragraphs: string[] };

/** The email a user receives after any change to how they sign in. */
export function SecurityNoticeEmail({ name, heading, paragraphs }: SecurityNoticeProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{heading}</Preview>
      <Body style={{ backgroundColor: '#f8fafc', fontFamily: 'system-ui, sans-serif' }}>
        <Container style={{ backgroundColor: '#ffffff', border: '1px solid #e2e8f0', borderRadius: 8, margin: '24px auto', padding: 24, maxWidth: 520 }}>
          <Text style={{ color: '#4338ca', fontWeight: 700, margin: 0 }}>Latchkey</Text>
          <Heading as="h1" style={{ fontSize: 20, color: '#0f172a' }}>
            {heading}
          </Heading>
          <Text>Hello {name},</Text>
          <Section>
            {paragraphs.map((p) => (
              <Text key={p}>{p}</Text>
            ))}
          </Section>
          <Text style={{ color: '#64748b', fontSize: 13 }}>
            If this wasn’t you, change your password at once and tell your company’s Latchkey administrator.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
