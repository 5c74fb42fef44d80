/**
 * The organisations' cabinet: what the staff of an organisation and of the bodies above it do with their subtree —
 * the feed (also live), replies (it owns them and their table), analytics, exports and posters, criteria, colleagues,
 * alerts and the audit, reply templates, the themes of the subtree's comments and the improvements an organisation
 * publishes («Вы сказали — мы сделали», the table improvement) — each one use case that checks the scope once. It reads the rating feature's questionnaires
 * and figures of a subtree and the catalogue's tree through their APIs.
 */
package by.ocenka.cabinet;
