import { Body, Button, Container, Head, Heading, Html, Preview, Text } from '@react-email/components';

export type InvitationProps = { name: string; companyName: string; inviterName: string; link: string; hours: number };

/** The invitation to set a password: one link, single use, with its lifetime stated. */
export function InvitationEmail({ name, companyName, inviterName, link, hours }: InvitationProps) {
  const heading = `Join ${companyName} on Latchkey`;
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
          <Text>
            {inviterName} created a Latchkey account for you at {companyName}. Choose your password to start signing in:
          </Text>
          <Button href={link} style={{ backgroundColor: '#4f46e5', color: '#ffffff', borderRadius: 6, padding: '10px 16px', fontWeight: 600 }}>
            Set your password
          </Button>
          <Text>Or open this link: {link}</Text>
          <Text style={{ color: '#64748b', fontSize: 13 }}>
            The link works once and expires in {hours} hours. If you did not expect this invitation, ignore this email.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
