package engram.platform;

import java.util.List;
import java.util.ServiceLoader;

/**
 * The entity classes Hibernate maps. The platform knows no feature, so the list comes from above: the composition
 * root ({@code engram.app.Entities}) provides it as a {@link ServiceLoader} service, registered in
 * META-INF/services/engram.platform.EntityList.
 */
public interface EntityList {

    List<Class<?>> entities();

    /** Every registered provider's entities, in registration order; fails when none is registered. */
    static List<Class<?>> registered() {
        List<Class<?>> all = ServiceLoader.load(EntityList.class, EntityList.class.getClassLoader()).stream()
                .flatMap(provider -> provider.get().entities().stream()).distinct().toList();
        if (all.isEmpty()) {
            throw new IllegalStateException("No entity classes: register an engram.platform.EntityList in META-INF/services");
        }
        return all;
    }
}
