<?xml version="1.0" encoding="UTF-8"?>
<!-- Any element no other module knows: its content is kept, in a span (or a div where
     blocks are allowed) marked with data-tei, and each such element name is reported once. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <xsl:template match="*">
    <xsl:if test="generate-id() = generate-id(key('element-by-name', local-name())[1])">
      <xsl:message>editio-warning: unknown TEI element &lt;<xsl:value-of select="local-name()"/>&gt;: its text is kept, rendered without special formatting</xsl:message>
    </xsl:if>
    <xsl:variable name="flow"><xsl:apply-templates select=".." mode="is-flow"/></xsl:variable>
    <xsl:variable name="el">
      <xsl:choose>
        <xsl:when test="$flow = 'y'">div</xsl:when>
        <xsl:otherwise>span</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{$el}">
      <xsl:attribute name="class">tei-unknown</xsl:attribute>
      <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang"><xsl:value-of select="@xml:lang"/></xsl:attribute></xsl:if>
      <xsl:attribute name="data-tei"><xsl:value-of select="local-name()"/></xsl:attribute>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>
