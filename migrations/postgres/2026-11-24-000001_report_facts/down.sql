DROP TABLE contacts;
DROP TABLE report_facts;
