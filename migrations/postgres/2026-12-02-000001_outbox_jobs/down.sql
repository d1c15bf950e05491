DROP TABLE district_mail;
DROP TABLE mail_suppressions;
DROP TABLE jobs;
DROP TABLE outbox;
