/**
 * FloeDB's stable public model: attribute values, items, DynamoDB's errors, and
 * the {@code FloeDb} facade.
 */
module floe.api {
    exports floe.api;
    exports floe.api.error;
    exports floe.api.model;

    uses floe.api.FloeDb.Opener;
}
