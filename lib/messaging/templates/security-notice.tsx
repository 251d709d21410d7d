import { Section, Text } from '@react-email/components';
import { EmailLayout } from './email-layout';

export type SecurityNoticeProps = { name: string; heading: string; paragraphs: string[] };

/** The email a user receives after any change to how they sign in. */
export function SecurityNoticeEmail({ name, heading, paragraphs }: SecurityNoticeProps) {
  return (
    <EmailLayout preview={heading} heading={heading}>
      <Text>Hello {name},</Text>
      <Section>
        {paragraphs.map((p) => (
          <Text key={p}>{p}</Text>
        ))}
      </Section>
      <Text style={{ color: '#64748b', fontSize: 13 }}>
        If this wasn’t you, change your password at once and tell your company’s Latchkey administrator.
      </Text>
    </EmailLayout>
  );
}
