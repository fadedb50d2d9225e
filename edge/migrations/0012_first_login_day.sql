-- Mestring schema v12: a participant's first login is kept to the day (the start of its UTC day,
-- content::private::first_login_at), like a private code's issue time. A person who bought or
-- redeemed access logs in seconds later; the instant would join the code to the payment. The
-- plan's due dates only ever used the day.

UPDATE participants
   SET first_login_at = first_login_at - (first_login_at % 86400000)
 WHERE first_login_at IS NOT NULL;
