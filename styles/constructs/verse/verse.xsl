<?xml version="1.0" encoding="UTF-8"?>
<!-- Verse: line groups (lg) and lines (l), with their numbers. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl">

  <!-- ============ verse ============ -->
  <xsl:template match="tei:lg">
    <div class="lg">
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/><xsl:with-param name="tei" select="false()"/></xsl:call-template>
      <xsl:if test="@type"><xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- A line; numbered lines carry span.lineno (class 'shown' on every fifth number). -->
  <xsl:template match="tei:l">
    <xsl:variable name="flow"><xsl:apply-templates select=".." mode="is-flow"/></xsl:variable>
    <xsl:element name="{substring('spandiv', 1 + 4 * ($flow = 'y'), 4 - ($flow = 'y'))}">
      <xsl:attribute name="class">l</xsl:attribute>
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="boolean(@n)"/><xsl:with-param name="tei" select="false()"/></xsl:call-template>
      <xsl:if test="@n">
        <xsl:attribute name="data-n"><xsl:value-of select="@n"/></xsl:attribute>
        <xsl:variable name="last" select="str:tokenize(@n, '.:, ')[last()]"/>
        <span aria-hidden="true">
          <xsl:attribute name="class">
            <xsl:text>lineno</xsl:text>
            <xsl:if test="number($last) = number($last) and number($last) mod 5 = 0"> shown</xsl:if>
          </xsl:attribute>
          <xsl:value-of select="@n"/>
        </span>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>
