package engram.platform;

import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;

/**
 * engram maps no JSON or XML columns. Naming this mapper stops Hibernate from probing for Jackson, which in Payara
 * finds the server's own incompatible Jackson XML module, or for JSON-B/JAXB, which plain JVMs lack.
 */
public final class NoFormatMapper implements FormatMapper {

    @Override
    public <T> T fromString(CharSequence charSequence, JavaType<T> javaType, WrapperOptions wrapperOptions) {
        throw new UnsupportedOperationException("engram maps no JSON or XML columns");
    }

    @Override
    public <T> String toString(T value, JavaType<T> javaType, WrapperOptions wrapperOptions) {
        throw new UnsupportedOperationException("engram maps no JSON or XML columns");
    }
}
