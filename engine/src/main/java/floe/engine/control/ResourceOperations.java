package floe.engine.control;

import floe.api.error.PolicyNotFoundException;
import floe.api.error.ResourceNotFoundException;
import floe.api.model.DeleteResourcePolicyRequest;
import floe.api.model.DeleteResourcePolicyResponse;
import floe.api.model.GetResourcePolicyRequest;
import floe.api.model.GetResourcePolicyResponse;
import floe.api.model.ListTagsOfResourceRequest;
import floe.api.model.ListTagsOfResourceResponse;
import floe.api.model.PutResourcePolicyRequest;
import floe.api.model.PutResourcePolicyResponse;
import floe.api.model.TagResourceRequest;
import floe.api.model.TagResourceResponse;
import floe.api.model.UntagResourceRequest;
import floe.api.model.UntagResourceResponse;
import floe.engine.table.Arns;
import floe.engine.table.ResourcePolicy;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.engine.table.TableLifecycle;
import floe.engine.table.Tags;
import floe.engine.validate.Constraints;
import java.time.Clock;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * The operations on a table named by its ARN: TagResource, UntagResource,
 * ListTagsOfResource and the resource-based policy operations. Changes are
 * serialized on the engine's control-plane lock, as every change of a table's
 * definition is.
 */
public final class ResourceOperations {
    private final TableCatalog catalog;
    private final Arns arns;
    private final Clock clock;
    private final Object controlPlane;

    /** @param controlPlane the engine's control-plane lock */
    public ResourceOperations(TableCatalog catalog, Arns arns, Clock clock, Object controlPlane) {
        this.catalog = catalog;
        this.arns = arns;
        this.clock = clock;
        this.controlPlane = controlPlane;
    }

    public TagResourceResponse tagResource(TagResourceRequest request) {
        Constraints c = new Constraints();
        c.notNull(request.tags(), "tags");
        Arns.Resource resource = arns.resource(request.resourceArn(), Arns.Family.TAGS, c);
        c.throwIfAny();
        Tags.checkAdded(request.tags(), false);
        change(resource, Arns.Family.TAGS, def -> Tags.add(def, request.tags()));
        return new TagResourceResponse();
    }

    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        Constraints c = new Constraints();
        c.notNull(request.tagKeys(), "tagKeys");
        Arns.Resource resource = arns.resource(request.resourceArn(), Arns.Family.TAGS, c);
        c.throwIfAny();
        Tags.checkRemoved(request.tagKeys());
        change(resource, Arns.Family.TAGS, def -> Tags.remove(def, request.tagKeys()));
        return new UntagResourceResponse();
    }

    public ListTagsOfResourceResponse listTagsOfResource(ListTagsOfResourceRequest request) {
        Constraints c = new Constraints();
        Arns.Resource resource = arns.resource(request.resourceArn(), Arns.Family.TAGS, c);
        c.throwIfAny();
        Tags.Page page = Tags.page(resourceTable(resource, Arns.Family.TAGS), request.nextToken());
        return new ListTagsOfResourceResponse(page.tags(), page.nextToken());
    }

    public PutResourcePolicyResponse putResourcePolicy(PutResourcePolicyRequest request) {
        Constraints c = new Constraints();
        Arns.Resource resource = arns.resource(request.resourceArn(), Arns.Family.POLICIES, c);
        c.notNull(request.policy(), "policy");
        expectedRevision(request.expectedRevisionId(), c);
        c.throwIfAny();
        ResourcePolicy.check(request.policy());
        ResourcePolicy[] put = new ResourcePolicy[1];
        change(resource, Arns.Family.POLICIES, def -> {
            put[0] = ResourcePolicy.put(
                    ResourcePolicy.of(def), def.name(), request.policy(), request.expectedRevisionId(), now());
            return ResourcePolicy.with(def, put[0]);
        });
        return new PutResourcePolicyResponse(put[0].revisionId());
    }

    public GetResourcePolicyResponse getResourcePolicy(GetResourcePolicyRequest request) {
        Constraints c = new Constraints();
        Arns.Resource resource = arns.resource(request.resourceArn(), Arns.Family.POLICIES, c);
        c.throwIfAny();
        ResourcePolicy policy = ResourcePolicy.of(resourceTable(resource, Arns.Family.POLICIES));
        if (policy == null) {
            throw noPolicy(resource);
        }
        return new GetResourcePolicyResponse(policy.document(), policy.revisionId());
    }

    public DeleteResourcePolicyResponse deleteResourcePolicy(DeleteResourcePolicyRequest request) {
        Constraints c = new Constraints();
        Arns.Resource resource = arns.resource(request.resourceArn(), Arns.Family.POLICIES, c);
        expectedRevision(request.expectedRevisionId(), c);
        c.throwIfAny();
        ResourcePolicy[] removed = new ResourcePolicy[1];
        change(resource, Arns.Family.POLICIES, def -> {
            removed[0] = ResourcePolicy.of(def);
            if (removed[0] == null) {
                throw noPolicy(resource);
            }
            ResourcePolicy.expect(removed[0], def.name(), request.expectedRevisionId());
            return ResourcePolicy.with(def, null);
        });
        return new DeleteResourcePolicyResponse(removed[0].revisionId());
    }

    private static void expectedRevision(String expected, Constraints c) {
        if (expected != null) {
            c.length(expected, expected.length(), 1, 255, "expectedRevisionId");
        }
    }

    private static PolicyNotFoundException noPolicy(Arns.Resource resource) {
        return new PolicyNotFoundException(
                "Resource-based policy not found for the provided ResourceArn: " + resource.arn());
    }

    /**
     * The table a checked ResourceArn names, for the tag and policy operations: a
     * table that is missing or still being created is not found, with each family's
     * message (measured); so is a stream of a table, which has no tags or policy here.
     */
    private TableDefinition resourceTable(Arns.Resource resource, Arns.Family family) {
        TableDefinition def = catalog.get(resource.tableName());
        if (def == null
                || TableLifecycle.isCreating(def, now())
                || (family == Arns.Family.TAGS && resource.streamLabel() != null)) {
            throw new ResourceNotFoundException(
                    family == Arns.Family.TAGS
                            ? "Requested resource not found: ResourceArn: " + resource.arn() + " not found"
                            : "Requested resource not found: Table: " + resource.tableName() + " not found");
        }
        if (resource.streamLabel() != null) {
            throw new ResourceNotFoundException("Requested resource not found: Stream: " + resource.streamLabel()
                    + " not found for Table: " + resource.tableName());
        }
        return def;
    }

    /** Changes the definition of the table a ResourceArn names, under the control-plane lock. */
    private void change(Arns.Resource resource, Arns.Family family, UnaryOperator<TableDefinition> change) {
        synchronized (controlPlane) {
            catalog.store(change.apply(resourceTable(resource, family)));
        }
    }

    private Instant now() {
        return clock.instant();
    }
}
